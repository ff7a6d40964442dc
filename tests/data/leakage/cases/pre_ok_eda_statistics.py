# %%
df = pd.read_csv("houses.csv")
print(df.describe())
print(df["price"].mean(), df["price"].median(), df["price"].std())
print(df["city"].value_counts())
# %%
X_train, X_test, y_train, y_test = train_test_split(df[["sqft", "rooms"]], df["price"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
