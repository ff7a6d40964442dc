# %%
df = pd.read_csv("houses.csv")
df = df[df["price"] < df["price"].quantile(0.99)]
X_train, X_test, y_train, y_test = train_test_split(df[["sqft"]], df["price"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
