# %%
df = pd.read_csv("cars.csv")
df.loc[df["horsepower"].isna(), "horsepower"] = df["horsepower"].mean()
# %%
X_train, X_test, y_train, y_test = train_test_split(df[["horsepower", "weight"]], df["mpg"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
