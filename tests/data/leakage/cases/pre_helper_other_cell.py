# %%
def standardise(frame):
    return (frame - frame.mean()) / frame.std()
# %%
cars = pd.read_csv("cars.csv")
X = standardise(cars[["hp", "weight", "displacement"]])
# %%
X_train, X_test, y_train, y_test = train_test_split(X, cars["mpg"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
